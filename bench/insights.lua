-- wrk script: the insights page (GET /insights) with a logged-in session, cycling through typical filters:
-- the default period (last 90 days), a team, a service, and game-day incidents included.
-- Arguments (after --): the session cookie ("NAME=value"), a team name, a service name (URL-encoded).
local cookie, team, service
local paths = {}
local counter = 0
statuses = {}
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   cookie, team, service = args[1], args[2], args[3]
   if cookie == nil or cookie == "" then
      error("no session cookie: pass it after --")
   end
   wrk.headers["Cookie"] = cookie
   wrk.headers["Accept"] = "text/html"
   paths = { "/insights", "/insights?team=" .. team, "/insights?service=" .. service, "/insights?gameDays=true" }
end

function request()
   counter = counter + 1
   return wrk.format("GET", paths[(counter % #paths) + 1])
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
