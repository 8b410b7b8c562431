-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "ianaTimezone" TEXT NOT NULL,
    "currencyCode" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "InsightsRollupState" (
    "shop" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "builtAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InsightsRollupState_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "InsightsDaily" (
    "shop" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "grossSales" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "discounts" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "returns" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "unitsSold" INTEGER NOT NULL DEFAULT 0,
    "unitsReturned" INTEGER NOT NULL DEFAULT 0,
    "refunds" INTEGER NOT NULL DEFAULT 0,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InsightsDaily_pkey" PRIMARY KEY ("shop","day")
);

-- CreateTable
CREATE TABLE "InsightsProductDaily" (
    "shop" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "productId" BIGINT NOT NULL,
    "unitsSold" INTEGER NOT NULL DEFAULT 0,
    "unitsReturned" INTEGER NOT NULL DEFAULT 0,
    "grossSales" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "discounts" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "returns" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "cost" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "costReturned" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "uncostedUnits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InsightsProductDaily_pkey" PRIMARY KEY ("shop","day","productId")
);

-- CreateTable
CREATE TABLE "InsightsChannelDaily" (
    "shop" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "grossSales" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "discounts" DECIMAL(20,4) NOT NULL DEFAULT 0,
    "returns" DECIMAL(20,4) NOT NULL DEFAULT 0,

    CONSTRAINT "InsightsChannelDaily_pkey" PRIMARY KEY ("shop","day","kind","channel")
);

-- CreateTable
CREATE TABLE "InsightsCustomerDaily" (
    "shop" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "gapDays" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "secondOrders" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InsightsCustomerDaily_pkey" PRIMARY KEY ("shop","day","gapDays")
);

-- CreateTable
CREATE TABLE "InsightsCohortDaily" (
    "shop" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "cohortMonth" DATE NOT NULL,
    "firstOrders" INTEGER NOT NULL DEFAULT 0,
    "secondOrders" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "netSales" DECIMAL(20,4) NOT NULL DEFAULT 0,

    CONSTRAINT "InsightsCohortDaily_pkey" PRIMARY KEY ("shop","day","cohortMonth")
);

-- CreateTable
CREATE TABLE "InsightsFinding" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "subjectTitle" TEXT,
    "evidence" JSONB NOT NULL,
    "links" JSONB NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "dismissedAt" TIMESTAMP(3),
    "snoozedUntil" TIMESTAMP(3),

    CONSTRAINT "InsightsFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InsightsFinding_shop_resolvedAt_score_idx" ON "InsightsFinding"("shop", "resolvedAt", "score");

-- CreateIndex
CREATE UNIQUE INDEX "InsightsFinding_shop_key_key" ON "InsightsFinding"("shop", "key");

