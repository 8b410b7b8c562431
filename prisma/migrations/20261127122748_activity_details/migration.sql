-- The activity log renders its sentences from structured fields in the
-- merchant's language: amounts, currencies and statuses live here.
ALTER TABLE "ActivityEntry" ADD COLUMN "details" JSONB;
