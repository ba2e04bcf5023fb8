/**
 * Every string of the web pages in Simplified Chinese, with the keys of the English table.
 */

import type { Messages } from '../i18n.js';

export const ZH_CN: Messages = {
  'page.app_name': 'kerbside',
  'page.language': '语言',
  'page.skip': '跳到主要内容',

  'login.title': '登录',
  'login.intro': '请使用您的 Kerberos 用户名和密码登录。',
  'login.user_name': '用户名',
  'login.password': '密码',
  'login.submit': '登录',

  'home.title': '您的账户',
  'home.logged_in_as': '当前登录用户：{principal}。',
  'home.expires': '您的密码将于 {date} 过期。',
  'home.never_expires': '您的密码永不过期。',
  'home.change_link': '修改密码',
  'home.changed': '密码已修改。',
  'home.reminder': '您的密码将在 {days} 天后（{date}）过期。',
  'home.reminder_today': '您的密码今天（{date}）过期。',
  'home.reminder_action': '立即修改',

  'logout.button': '退出登录',
  'logout.title': '已退出',
  'logout.text': '您已退出登录。',
  'logout.again': '重新登录',

  'change.title': '修改密码',
  'change.user': '账户：{principal}',
  'change.forced': '您的密码已过期或必须修改。请设置新密码后继续。',
  'change.old': '当前密码',
  'change.new': '新密码',
  'change.confirm': '再次输入新密码',
  'change.show': '显示密码',
  'change.submit': '修改密码',
  'change.back': '返回账户页面',
  'change.rules_heading': '新密码必须',
  'change.rules_summary': '已满足 {met} / {total} 条规则。',
  'change.rule_met': '已满足',
  'change.rule_unmet': '未满足',
  'change.needs_script': '修改密码需要启用 JavaScript。',

  'rule.length': '长度为 {min} 到 {max} 个字符',
  'rule.kinds': '至少包含以下 {total} 类字符中的 {count} 类：',
  'rule.user_name': '不能是您的用户名，也不能是用户名的倒序',
  'rule.user_name_only': '不能是您的用户名',
  'rule.reversed_only': '不能是用户名的倒序',
  'rule.old_password': '不能与当前密码相同',
  'rule.control': '不能包含控制字符',

  'kind.upper': '大写字母（A-Z）',
  'kind.lower': '小写字母（a-z）',
  'kind.digit': '数字（0-9）',
  'kind.space': '空格',
  'kind.special': '特殊字符：{list}',

  'error.required_old': '请输入当前密码。',
  'error.required_new': '请输入新密码。',
  'error.required_confirm': '请再次输入新密码。',
  'error.mismatch': '两次输入的新密码不一致。',
  'error.rules': '新密码不符合以下规则：',
  'error.network': '无法连接服务器。密码未修改，请重试。',
  'error.login_again': '重新登录',

  'status.sending': '正在修改密码…',
  'status.kdc_refused': 'Kerberos 服务器拒绝了新密码：',

  'violation.too_short': '长度至少为 {min_length} 个字符',
  'violation.too_short_unknown': '密码太短',
  'violation.too_long': '长度最多为 {max_length} 个字符',
  'violation.too_few_kinds': '至少包含 {min_kinds} 类字符',
  'violation.too_few_kinds_missing': '至少包含 {min_kinds} 类字符（缺少：{kinds}）',
  'violation.too_few_classes': '至少包含 {min_classes} 类字符',
  'violation.too_few_classes_unknown': '需要包含更多类别的字符',
  'violation.control_character': '不能包含控制字符',
  'violation.is_user_name': '不能是您的用户名',
  'violation.is_reversed_user_name': '不能是用户名的倒序',
  'violation.same_as_old': '不能与当前密码相同',
  // prettier-ignore
  'violation.reused':
    '该密码最近使用过；服务器会记住您最近的 {history} 个密码',
  'violation.reused_unknown': '该密码最近使用过',
  'violation.too_soon': '在 {until} 之前不能再次修改密码',
  'violation.too_soon_unknown': '密码刚修改过，暂时不能再次修改',
  'violation.dictionary': '密码太常见或可在字典中找到',
  'violation.other': '不符合服务器的密码规则',

  'kindname.upper': '大写字母',
  'kindname.lower': '小写字母',
  'kindname.digit': '数字',
  'kindname.space': '空格',
  'kindname.special': '特殊字符',
  'list.separator': '、',
  'list.sentence_separator': '；',

  'result.success': '操作成功。',
  'result.not_logged_in': '会话已结束，请重新登录。',
  'result.password_change_required': '请先修改密码。',
  'result.login_failed': '用户名或密码错误，或该账户无法登录。',
  'result.login_ticket_invalid': '登录表单已过期，请重试。',
  'result.service_not_allowed': '该服务不允许使用此登录。',
  'result.service_ticket_invalid': '登录未完成，请重新登录。',
  // prettier-ignore
  'result.forbidden_cross_site':
    '出于安全原因，请求被拒绝。请刷新页面后重试。',
  'result.throttled': '尝试次数过多，请稍后再试。',
  'result.missing_field': '请填写所有字段。',
  'result.too_long': '密码过长（最多 1023 字节）。',
  'result.confirm_mismatch': '两次输入的新密码不一致。',
  'result.new_equals_old': '新密码与当前密码相同，请换一个。',
  'result.local_policy': '新密码不符合以下规则：',
  'result.wrong_old_password': '当前密码错误。',
  'result.kdc_policy': 'Kerberos 服务器拒绝了新密码：',
  // prettier-ignore
  'result.account_locked':
    '失败次数过多，账户已被锁定。请稍候或联系管理员。',
  'result.access_denied': 'Kerberos 服务器不允许此账户修改密码。',
  'result.internal_error': 'kerbside 内部出错，请稍后再试。',
  'result.kdc_unavailable': 'Kerberos 服务器没有响应。密码未修改，请稍后再试。',
  // prettier-ignore
  'result.outcome_unknown':
    '修改请求已发送，但结果未知。请尝试用新密码登录；' +
    '如果失败，则当前密码仍然有效。',
  'result.kdc_error': 'Kerberos 服务器返回了意外错误，请稍后再试。',
  'result.other': '请求失败。',
};
