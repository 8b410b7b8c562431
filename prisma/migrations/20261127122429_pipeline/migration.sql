-- CreateEnum
CREATE TYPE "SyncState" AS ENUM ('queued', 'running', 'done', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "ComplianceRequest" ADD COLUMN     "downloadedAt" TIMESTAMP(3),
ADD COLUMN     "export" JSONB;

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" BIGSERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL,
    "triggeredAt" TIMESTAMP(3),
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "state" "SyncState" NOT NULL DEFAULT 'queued',
    "since" TIMESTAMP(3),
    "bulkOperationId" TEXT,
    "objectsDone" INTEGER NOT NULL DEFAULT 0,
    "objectsTotal" INTEGER,
    "linesDone" INTEGER NOT NULL DEFAULT 0,
    "highWater" TIMESTAMP(3),
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "shop" TEXT NOT NULL,
    "id" BIGINT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "handle" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "vendor" TEXT,
    "productType" TEXT,
    "tags" TEXT[],
    "createdAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Product_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "ProductVariant" (
    "shop" TEXT NOT NULL,
    "id" BIGINT NOT NULL,
    "productId" BIGINT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "sku" TEXT,
    "price" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "compareAtPrice" DECIMAL(20,4),
    "inventoryItemId" BIGINT,
    "inventoryQuantity" INTEGER,
    "unitCost" DECIMAL(20,4),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ProductVariant_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "InventoryLevel" (
    "shop" TEXT NOT NULL,
    "inventoryItemId" BIGINT NOT NULL,
    "locationId" BIGINT NOT NULL,
    "available" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InventoryLevel_pkey" PRIMARY KEY ("shop","inventoryItemId","locationId")
);

-- CreateTable
CREATE TABLE "Customer" (
    "shop" TEXT NOT NULL,
    "id" BIGINT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "state" TEXT,
    "tags" TEXT[],
    "numberOfOrders" INTEGER,
    "amountSpent" DECIMAL(20,4),
    "createdAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "Order" (
    "shop" TEXT NOT NULL,
    "id" BIGINT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "customerId" BIGINT,
    "email" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "currency" TEXT NOT NULL DEFAULT '',
    "presentmentCurrency" TEXT,
    "subtotal" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "totalDiscounts" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "totalShipping" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "totalTax" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "totalPrice" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "totalRefunded" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "financialStatus" TEXT,
    "fulfillmentStatus" TEXT,
    "sourceName" TEXT,
    "discountCodes" TEXT[],
    "tags" TEXT[],
    "test" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Order_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "OrderLineItem" (
    "shop" TEXT NOT NULL,
    "id" BIGINT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "productId" BIGINT,
    "variantId" BIGINT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "sku" TEXT,
    "quantity" INTEGER NOT NULL,
    "price" DECIMAL(20,4) NOT NULL,
    "totalDiscount" DECIMAL(20,4) NOT NULL DEFAULT 0,

    CONSTRAINT "OrderLineItem_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "Refund" (
    "shop" TEXT NOT NULL,
    "id" BIGINT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "total" DECIMAL(20,4) NOT NULL DEFAULT 0,

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "RefundLineItem" (
    "shop" TEXT NOT NULL,
    "refundId" BIGINT NOT NULL,
    "lineItemId" BIGINT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "subtotal" DECIMAL(20,4) NOT NULL,

    CONSTRAINT "RefundLineItem_pkey" PRIMARY KEY ("shop","refundId","lineItemId")
);

-- CreateTable
CREATE TABLE "DiscountApplication" (
    "shop" TEXT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "index" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "code" TEXT,
    "title" TEXT,
    "value" DECIMAL(20,4) NOT NULL,
    "valueType" TEXT NOT NULL,
    "allocationMethod" TEXT,
    "targetType" TEXT,

    CONSTRAINT "DiscountApplication_pkey" PRIMARY KEY ("shop","orderId","index")
);

-- CreateTable
CREATE TABLE "CustomerJourney" (
    "shop" TEXT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "occurredAt" TIMESTAMP(3),
    "source" TEXT,
    "landingPage" TEXT,
    "referrerUrl" TEXT,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmContent" TEXT,
    "utmTerm" TEXT,
    "daysToConversion" INTEGER,

    CONSTRAINT "CustomerJourney_pkey" PRIMARY KEY ("shop","orderId")
);

-- CreateTable
CREATE TABLE "ActivityEntry" (
    "id" BIGSERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "verb" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT,
    "resourceTitle" TEXT,
    "summary" TEXT NOT NULL,
    "link" TEXT,
    "source" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "customerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookEvent_shop_receivedAt_idx" ON "WebhookEvent"("shop", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_shop_eventId_key" ON "WebhookEvent"("shop", "eventId");

-- CreateIndex
CREATE INDEX "SyncRun_shop_resource_startedAt_idx" ON "SyncRun"("shop", "resource", "startedAt");

-- CreateIndex
CREATE INDEX "SyncRun_state_updatedAt_idx" ON "SyncRun"("state", "updatedAt");

-- CreateIndex
CREATE INDEX "Product_shop_updatedAt_idx" ON "Product"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "ProductVariant_shop_productId_idx" ON "ProductVariant"("shop", "productId");

-- CreateIndex
CREATE INDEX "ProductVariant_shop_inventoryItemId_idx" ON "ProductVariant"("shop", "inventoryItemId");

-- CreateIndex
CREATE INDEX "Customer_shop_email_idx" ON "Customer"("shop", "email");

-- CreateIndex
CREATE INDEX "Order_shop_processedAt_idx" ON "Order"("shop", "processedAt");

-- CreateIndex
CREATE INDEX "Order_shop_customerId_idx" ON "Order"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Order_shop_updatedAt_idx" ON "Order"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "OrderLineItem_shop_orderId_idx" ON "OrderLineItem"("shop", "orderId");

-- CreateIndex
CREATE INDEX "OrderLineItem_shop_productId_idx" ON "OrderLineItem"("shop", "productId");

-- CreateIndex
CREATE INDEX "Refund_shop_orderId_idx" ON "Refund"("shop", "orderId");

-- CreateIndex
CREATE INDEX "Refund_shop_createdAt_idx" ON "Refund"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "RefundLineItem_shop_orderId_idx" ON "RefundLineItem"("shop", "orderId");

-- CreateIndex
CREATE INDEX "ActivityEntry_shop_occurredAt_id_idx" ON "ActivityEntry"("shop", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ActivityEntry_shop_resourceType_occurredAt_idx" ON "ActivityEntry"("shop", "resourceType", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "ActivityEntry_shop_customerId_idx" ON "ActivityEntry"("shop", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityEntry_shop_sourceKey_key" ON "ActivityEntry"("shop", "sourceKey");


-- Written by hand (Prisma's schema cannot express these):
-- The processor's queue: unprocessed inbox rows, oldest first, per shop.
CREATE INDEX "WebhookEvent_unprocessed_idx" ON "WebhookEvent"("shop", "id") WHERE "processedAt" IS NULL;

-- Full-text search over the activity log: a generated tsvector ('simple'
-- configuration: no stemming, works for every shop language) and its GIN index.
ALTER TABLE "ActivityEntry" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    to_tsvector('simple',
        coalesce("summary", '') || ' ' || coalesce("resourceTitle", '') || ' ' ||
        coalesce("actorName", '') || ' ' || coalesce("verb", '') || ' ' ||
        coalesce("resourceType", '') || ' ' || coalesce("resourceId", ''))
) STORED;
CREATE INDEX "ActivityEntry_search_idx" ON "ActivityEntry" USING GIN ("search");
