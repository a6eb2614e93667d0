-- wrk script: GET <path> from a pool of different readers (desktop User-Agents that vary per
-- visitor), as a portal's page is read. Arguments (after --): <path> [visitor pool size, default 20000]

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  path = args[1] or "/"
  visitors = tonumber(args[2] or "20000")
  counter = 0
end

function request()
  counter = counter + 1
  local v = (tid * 7919 + counter) % visitors
  local headers = {
    ["Accept"] = "text/html",
    ["User-Agent"] = string.format(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.%d.%d Safari/537.36",
      math.floor(v / 1000), v % 1000)
  }
  return wrk.format("GET", path, headers)
end
