-- wrk script for `siang bench ingest`: POST a fresh, valid kiosk response per request.
--
--   wrk -t2 -c128 -d10s -s wrk_submit.lua http://127.0.0.1:8000/v1/responses/ -- SEED TOKEN [TOKEN ...]
--
-- Every request carries a new uuid4 response_id (per-thread seeded randomness), one of the
-- given kiosk device tokens as `Authorization: Bearer`, and answers to survey a11 version 1.
-- Statuses are counted per thread; `done` prints one line `WRK_RESULT {json}` for the caller.

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_no", thread_count)
  table.insert(threads, thread)
end

-- Per-thread state (globals, so that `done` can read them with thread:get).
created = 0    -- 201: recorded now
replayed = 0   -- 200: already recorded (a response_id collision)
other_2xx = 0
client_err = 0 -- 4xx
server_err = 0 -- 5xx
other = 0

local headers_by_token = {}
local stamp_second = -1
local stamp = ""

function init(args)
  local seed = tonumber(args[1]) or os.time()
  math.randomseed(seed + (thread_no or 0) * 1000003)
  for i = 2, #args do
    headers_by_token[#headers_by_token + 1] = {
      ["Authorization"] = "Bearer " .. args[i],
      ["Content-Type"] = "application/json",
    }
  end
  if #headers_by_token == 0 then
    error("wrk_submit.lua needs at least one kiosk device token after the seed")
  end
  wrk.method = "POST"
end

local random = math.random
local format = string.format

local function uuid4()
  return format("%04x%04x-%04x-4%03x-%x%03x-%04x%04x%04x",
    random(0, 0xffff), random(0, 0xffff), random(0, 0xffff), random(0, 0xfff),
    random(8, 11), random(0, 0xfff), random(0, 0xffff), random(0, 0xffff), random(0, 0xffff))
end

local function client_time()
  local now = os.time()
  if now ~= stamp_second then
    stamp_second = now
    stamp = os.date("!%Y-%m-%dT%H:%M:%SZ", now)
  end
  return stamp
end

function request()
  local body = format(
    '{"response_id":"%s","survey_code":"a11","survey_version":1,"channel":"kiosk",' ..
    '"answers":{"satisfaction":%d},"client_time":"%s"}',
    uuid4(), random(1, 5), client_time())
  return wrk.format("POST", nil, headers_by_token[random(1, #headers_by_token)], body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 200 then
    replayed = replayed + 1
  elseif status >= 200 and status < 300 then
    other_2xx = other_2xx + 1
  elseif status >= 400 and status < 500 then
    client_err = client_err + 1
  elseif status >= 500 then
    server_err = server_err + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local totals = { created = 0, replayed = 0, other_2xx = 0, client_err = 0, server_err = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  local errors = summary.errors
  io.write(format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"created":%d,"replayed":%d,"other_2xx":%d,' ..
    '"client_err":%d,"server_err":%d,"other":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"timeouts":%d,"latency_p50_us":%d,"latency_p99_us":%d,"latency_max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, totals.created, totals.replayed, totals.other_2xx,
    totals.client_err, totals.server_err, totals.other, errors.connect, errors.read, errors.write,
    errors.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
