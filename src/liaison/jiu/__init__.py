"""JIU follow-up: the dated status history of JIU recommendations, organization by organization,
and the acceptance and implementation rates computed from it as at any date, the way the JIU
computes them.

- :mod:`liaison.jiu.rules` -- the rules, as pure functions over plain data;
- :mod:`liaison.jiu.store` -- recommendations read from the registry, and dated updates added,
  replaced, removed or merged (the import merges through it too);
- :mod:`liaison.jiu.follow_up` -- rates, trend and the focal point's lists, for the command
  line, the report and the web pages;
- :mod:`liaison.jiu.history` -- a recommendation's dated history per organization, for its web
  page;
- :mod:`liaison.jiu.sheet` -- a tracking-system sheet (CSV or XLSX) in and out.
"""
