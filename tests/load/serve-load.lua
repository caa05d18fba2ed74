-- Rotates requests over the kinds of pages a visitor opens while the site rebuilds under them.
local paths = {
  "/", "/papers/autonomy-of-experts-models/", "/coauthors/", "/coauthors/yuhan-chen/",
  "/topics/cs-cl/", "/about/", "/papers/autonomy-of-experts-models/cite.bib", "/no-such-page/",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
