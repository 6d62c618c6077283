-- wrk script of the load benchmark: random paths from a file (one per line) when given
-- (`wrk ... -s load.lua URL -- paths.txt`), and one machine-readable line at the end:
-- RESULT <requests> <seconds> <p50 us> <p95 us> <p99 us> <errors>
local paths = {}

function init(args)
  if args[1] then
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
  end
end

-- Readers come from many addresses, as behind the proxy that the benchmark's settings trust:
-- each has its own API rate-limit bucket, as real readers do, instead of one bucket holding
-- every request of the run.
local function reader()
  return {["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255),
    math.random(0, 255), math.random(1, 254))}
end

function request()
  if #paths > 0 then
    return wrk.format(nil, paths[math.random(#paths)], reader())
  end
  return wrk.format(nil, nil, reader())
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %d %d %d %d\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
