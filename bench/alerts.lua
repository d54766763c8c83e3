-- wrk script: sends PagerDuty Events v2 triggers (the fixture pagerduty-trigger-api-schema-example.json)
-- to POST /webhooks/pagerduty/v2/enqueue. Arguments after --: <routing key> <fixture path> [dedup keys (100)].
-- Each request names one of N dedup keys in turn, so processing sees both new groups and repeats.
-- Counts answers by status, so a run of errors cannot pass for a fast one.
local key, fixture, keys
local counter = 0
local thread_id = 0
local template
statuses = {}
local threads = {}

function setup(thread)
   thread_id = thread_id + 1
   thread:set("id", thread_id)
   table.insert(threads, thread)
end

function init(args)
   key = args[1]
   fixture = args[2]
   keys = tonumber(args[3] or "100")
   if key == nil or fixture == nil then
      error("usage: wrk ... -s bench/alerts.lua <url> -- <routing key> <fixture> [dedup keys]")
   end
   local f = assert(io.open(fixture, "r"))
   template = f:read("*a")
   f:close()
   template = template:gsub('"routing_key": "[^"]*"', '"routing_key": "' .. key .. '"')
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   local body = template:gsub('"dedup_key": "[^"]*"', '"dedup_key": "bench/' .. ((counter + id) % keys) .. '"')
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
