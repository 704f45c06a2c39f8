-- wrk: each request posts a new interest form (bench/mixed.py), from an address of its own
-- (X-Forwarded-For, believed through one proxy) with a one-time stamp of its own read from
-- the file STAMPS names, so no form is a repeat and no throttle counts them together.
local stamps = {}
for line in io.lines(os.getenv("STAMPS")) do stamps[#stamps + 1] = line end
local threads, count = 0, 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function request()
  count = count + 1
  local n = (count * 8) + id
  local body = os.getenv("FORM") .. "&started=" .. stamps[(n % #stamps) + 1]
  local address = string.format(
    "10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", "/interest/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. os.getenv("CSRF"),
    ["X-Forwarded-For"] = address,
  }, body)
end
