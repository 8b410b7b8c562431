-- The activity page's filters (type, resource, who) each get an index in the
-- page's keyset order, so a filter matching few entries among millions reads
-- only those instead of walking the shop's whole log.

-- DropIndex
DROP INDEX "ActivityEntry_shop_resourceType_occurredAt_idx";

-- CreateIndex
CREATE INDEX "ActivityEntry_shop_resourceType_occurredAt_id_idx" ON "ActivityEntry"("shop", "resourceType", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ActivityEntry_shop_verb_occurredAt_id_idx" ON "ActivityEntry"("shop", "verb", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ActivityEntry_shop_actorType_occurredAt_id_idx" ON "ActivityEntry"("shop", "actorType", "occurredAt" DESC, "id" DESC);
