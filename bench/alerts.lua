-- wrk script: sends PagerDuty Events v2 triggers (the fixture pagerduty-trigger-api-schema-example.json)
-- to POST /webhooks/pagerduty/v2/enqueue. Arguments after --: <routing key> <fixture path> [dedup keys (100)].
-- Each request names one of N dedup keys in turn, so processing sees both new groups and repeats.
-- The N requests are formatted once per thread (init), so that wrk, which shares the server's cores here, spends
-- no Lua work per request; answers are counted from wrk's own tally (no response callback, which would make wrk
-- parse every answer into Lua): "statuses: 2xx=<n> other=<m>", so a run of errors cannot pass for a fast one.
local counter = 0
local requests = {}
local thread_id = 0
local threads = {}

function setup(thread)
   thread_id = thread_id + 1
   thread:set("id", thread_id)
   table.insert(threads, thread)
end

function init(args)
   local key, fixture = args[1], args[2]
   local keys = tonumber(args[3] or "100")
   if key == nil or fixture == nil then
      error("usage: wrk ... -s bench/alerts.lua <url> -- <routing key> <fixture> [dedup keys]")
   end
   local f = assert(io.open(fixture, "r"))
   local template = f:read("*a")
   f:close()
   template = template:gsub('"routing_key": "[^"]*"', '"routing_key": "' .. key .. '"')
   local headers = { ["Content-Type"] = "application/json" }
   for i = 1, keys do
      local body = template:gsub('"dedup_key": "[^"]*"', '"dedup_key": "bench/' .. ((i + id) % keys) .. '"')
      requests[i] = wrk.format("POST", nil, headers, body)
   end
end

function request()
   counter = counter % #requests + 1
   return requests[counter]
end

function done(summary, latency, _)
   local other = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
   io.write("statuses: 2xx=" .. (summary.requests - summary.errors.status) .. " other=" .. other .. "\n")
end
