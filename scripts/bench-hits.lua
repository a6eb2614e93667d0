-- wrk script: POST /api/hits the way many different readers' browsers would send them: a JSON
-- body naming the article, and a desktop User-Agent that varies over a pool of visitors, so the
-- server does the real work (new visits and repeat page views), not one visitor's repeats.
-- Arguments (after --): <article slug> [visitor pool size, default 20000]

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  slug = args[1] or "bai-viet"
  visitors = tonumber(args[2] or "20000")
  counter = 0
  body = string.format('{"path":"/articles/%s","articleSlug":"%s"}', slug, slug)
end

function request()
  counter = counter + 1
  local v = (tid * 7919 + counter) % visitors
  local headers = {
    ["Content-Type"] = "application/json",
    ["User-Agent"] = string.format(
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.%d.%d Safari/537.36",
      math.floor(v / 1000), v % 1000)
  }
  return wrk.format("POST", "/api/hits", headers, body)
end
