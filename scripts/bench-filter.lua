-- GET the page as one of 10,000 visitors: a random client address behind the loopback proxy
-- (the server without the filter ignores the header; the same requests go to both).
math.randomseed(os.time())
request = function()
  local n = math.random(0, 9999)
  local ip = "198.51." .. (100 + math.floor(n / 256)) .. "." .. (n % 256)
  return wrk.format("GET", "/articles/tin-tuc", { ["X-Forwarded-For"] = ip,
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36" })
end
