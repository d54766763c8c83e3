-- wrk script: searches through GET /api/v1/search with a bearer token, cycling through a few queries
-- (free text, a phrase, a prefix, a typo, a filter). Token: the first script argument, else $KINTSUGI_TOKEN.
local token = os.getenv("KINTSUGI_TOKEN")
local queries = { "checkout%20timeout", "%22connection%20pool%22", "pay*", "databse", "disk%20severity%3ASEV2", "latency%20type%3Aincident" }
local counter = 0
statuses = {}
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   if args[1] ~= nil and args[1] ~= "" then
      token = args[1]
   end
   if token == nil or token == "" then
      error("no token: pass it after -- or set KINTSUGI_TOKEN")
   end
   wrk.headers["Accept"] = "application/json"
   wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
   counter = counter + 1
   local q = queries[(counter % #queries) + 1]
   return wrk.format("GET", "/api/v1/search?q=" .. q .. "&size=20")
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local all = {}
   for _, t in ipairs(threads) do
      local s = t:get("statuses")
      for k, v in pairs(s) do all[k] = (all[k] or 0) + v end
   end
   for k, v in pairs(all) do io.write(string.format("status %s: %d\n", k, v)) end
end
