-- CreateTable
CREATE TABLE "InsightsOrderFact" (
    "shop" TEXT NOT NULL,
    "orderId" BIGINT NOT NULL,
    "customerId" BIGINT,
    "processedAt" TIMESTAMP(3),
    "purchase" BOOLEAN NOT NULL,

    CONSTRAINT "InsightsOrderFact_pkey" PRIMARY KEY ("shop","orderId")
);

