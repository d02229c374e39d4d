-- The validated probe a run asked (A-label domain, parsed addresses, defaults filled in), as JSON
-- beside the request as it was typed; null in runs stored before it was kept.
alter table runs add column probe text;
