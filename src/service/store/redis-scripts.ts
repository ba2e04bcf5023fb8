/**
 * The Lua scripts of the Redis store. Redis runs each script alone (no other command in
 * between), so every multi-key write below is all or nothing and every read-then-write is
 * atomic across instances.
 *
 * Key layout under the prefix P: `P rec:KIND:ID` a record (JSON, PX TTL); `P user:PRINCIPAL`
 * the set of `KIND:ID` of the principal's records (its TTL the longest of theirs);
 * `P gone:KIND:ID` an id removed by delete or deleteAllOfUser, not to be stored again;
 * `P attempts:KEY` a sorted set of attempt ids scored by expiry (epoch ms);
 * `P lock:KEY` a lock holder's random token (PX TTL).
 */

/** Lua helpers: a record's user index key (or nil); lengthen an index's TTL to cover one. */
const INDEX_OF = `
local function indexOf(prefix, value)
  local ok, record = pcall(cjson.decode, value)
  if ok and type(record) == 'table' and type(record.principal) == 'string' then
    return prefix .. 'user:' .. record.principal
  end
  return nil
end
local function keepIndex(index, ttl)
  if redis.call('PTTL', index) < ttl then redis.call('PEXPIRE', index, ttl) end
end
`;

/**
 * Store a record: KEYS[1] its key; ARGV prefix, member, JSON, TTL ms. A replaced record
 * leaves its old principal's index; the new one joins its principal's index. A removed id
 * is not stored again (answers 0).
 */
export const PUT = `${INDEX_OF}
local prefix, member, value, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if redis.call('EXISTS', prefix .. 'gone:' .. member) == 1 then return 0 end
local old = redis.call('GET', KEYS[1])
if old then
  local oldIndex = indexOf(prefix, old)
  if oldIndex then redis.call('SREM', oldIndex, member) end
end
redis.call('SET', KEYS[1], value, 'PX', ttl)
local index = indexOf(prefix, value)
if index then
  redis.call('SADD', index, member)
  keepIndex(index, ttl)
end
return 1
`;

/**
 * Get and remove a record (take and delete): KEYS[1] its key; ARGV prefix, member, and how
 * long to remember the id as removed (ms; 0: not at all).
 */
export const REMOVE = `${INDEX_OF}
local memory = tonumber(ARGV[3])
if memory > 0 then redis.call('SET', ARGV[1] .. 'gone:' .. ARGV[2], '1', 'PX', memory) end
local value = redis.call('GET', KEYS[1])
if not value then return false end
redis.call('DEL', KEYS[1])
local index = indexOf(ARGV[1], value)
if index then redis.call('SREM', index, ARGV[2]) end
return value
`;

/** New TTL for a live record (and its index): KEYS[1] its key; ARGV prefix, TTL ms. */
export const EXPIRE = `${INDEX_OF}
local value = redis.call('GET', KEYS[1])
if not value then return 0 end
local ttl = tonumber(ARGV[2])
redis.call('PEXPIRE', KEYS[1], ttl)
local index = indexOf(ARGV[1], value)
if index then keepIndex(index, ttl) end
return 1
`;

/**
 * Remove a principal's records matching a filter: KEYS[1] the index; ARGV prefix, filter
 * JSON `{kinds: [..] | null, parent: string | null, except: [..]}`, how long to remember the
 * removed ids (ms). Answers the count. Members whose record has expired are dropped from the
 * index on the way.
 */
export const DELETE_ALL_OF_USER = `
local prefix = ARGV[1]
local memory = ARGV[3]
local filter = cjson.decode(ARGV[2])
local kinds = nil
if type(filter.kinds) == 'table' then
  kinds = {}
  for _, kind in ipairs(filter.kinds) do kinds[kind] = true end
end
local except = {}
for _, id in ipairs(filter.except) do except[id] = true end
local removed = 0
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = prefix .. 'rec:' .. member
  local value = redis.call('GET', key)
  if not value then
    redis.call('SREM', KEYS[1], member)
  else
    local record = cjson.decode(value)
    local id = string.sub(member, string.find(member, ':', 1, true) + 1)
    local hit = (kinds == nil or kinds[record.kind] == true) and not except[id]
    if hit and type(filter.parent) == 'string' then hit = record.parent == filter.parent end
    if hit then
      redis.call('SET', prefix .. 'gone:' .. member, '1', 'PX', memory)
      redis.call('DEL', key)
      redis.call('SREM', KEYS[1], member)
      removed = removed + 1
    end
  end
end
return removed
`;

/**
 * Count an attempt if fewer than the limit are live: KEYS[1] the attempts key; ARGV limit,
 * window ms, attempt id. Answers {1, 0} when counted, else {0, ms until they leave}. Every
 * counted attempt pushes the expiry of all of them to a window from now, as MIT's KDC keeps
 * its failure count until a whole failurecountinterval passes without a failure. Time is the
 * Redis server's, the one clock every instance shares.
 */
export const RESERVE_ATTEMPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  return {0, tonumber(latest[2]) - now}
end
local expires = string.format('%d', now + tonumber(ARGV[2]))
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  redis.call('ZADD', KEYS[1], expires, id)
end
redis.call('ZADD', KEYS[1], expires, ARGV[3])
redis.call('PEXPIREAT', KEYS[1], expires)
return {1, 0}
`;

/** Release a lock only if this holder still has it: KEYS[1] the lock; ARGV token. */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
