-- wrk script: declares incidents through POST /api/v1/incidents with a bearer token.
-- Token: the first script argument (wrk ... -s bench/declare.lua <url> -- <token>), else $KINTSUGI_TOKEN.
-- Counts answers by status, so a run that only produced errors is visible in the summary.
local token = os.getenv("KINTSUGI_TOKEN")
local severities = { "SEV1", "SEV2", "SEV3", "SEV4", "SEV5" }
local counter = 0
local thread_id = 0
statuses = {} -- global: done() reads it from each thread with thread:get()
local threads = {}

function setup(thread)
   thread_id = thread_id + 1
   thread:set("id", thread_id)
   table.insert(threads, thread)
end

function init(args)
   if args[1] ~= nil and args[1] ~= "" then
      token = args[1]
   end
   if token == nil or token == "" then
      error("no token: pass it after -- or set KINTSUGI_TOKEN")
   end
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Accept"] = "application/json"
   wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
   counter = counter + 1
   local body = string.format(
      '{"title":"Bench %d-%d: checkout latency above SLO","description":"Declared by `wrk` (bench/declare.lua).",'
         .. '"severity":"%s"}',
      id, counter, severities[(counter % 5) + 1])
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local totals = {}
   for _, t in ipairs(threads) do
      local s = t:get("statuses")
      for code, n in pairs(s) do
         totals[code] = (totals[code] or 0) + n
      end
   end
   local parts = {}
   for code, n in pairs(totals) do
      table.insert(parts, code .. "=" .. n)
   end
   table.sort(parts)
   io.write("statuses: " .. table.concat(parts, " ") .. "\n")
end
