-- wrk script: every request a reader never seen before, on the article page or on POST /api/hits.
-- Each request's User-Agent carries a number no other request of the run uses: the wrk thread, the
-- round's offset and the thread's own request count.
-- Arguments (after --): <article|hits> <article slug> <offset: a number unique to this round>

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or "article"
  slug = args[2] or "bai-viet"
  offset = tonumber(args[3] or "0")
  counter = 0
  body = string.format('{"path":"/articles/%s","articleSlug":"%s"}', slug, slug)
end

function request()
  counter = counter + 1
  local ua = string.format(
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.%d.%d.%d Safari/537.36",
    tid, offset, counter)
  if mode == "hits" then
    return wrk.format("POST", "/api/hits", { ["Content-Type"] = "application/json", ["User-Agent"] = ua }, body)
  end
  return wrk.format("GET", "/articles/" .. slug, { ["Accept"] = "text/html", ["User-Agent"] = ua })
end
