-- AlterTable
ALTER TABLE "InsightsRollupState" ADD COLUMN     "rebuildRequestedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "InsightsPendingOrder" (
    "shop" TEXT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsightsPendingOrder_pkey" PRIMARY KEY ("shop","orderId")
);

-- CreateIndex
CREATE INDEX "InsightsProductDaily_shop_productId_day_idx" ON "InsightsProductDaily"("shop", "productId", "day");


-- Added by hand (Prisma's schema cannot express a partial index): the orders
-- cancelled on a day, for the insights rollup of that day.
CREATE INDEX "Order_shop_cancelledAt_idx" ON "Order"("shop", "cancelledAt") WHERE "cancelledAt" IS NOT NULL;
