-- CreateTable
CREATE TABLE "ContentProduct" (
    "shop" TEXT NOT NULL,
    "productId" BIGINT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "descriptionText" TEXT NOT NULL DEFAULT '',
    "seoTitle" TEXT,
    "seoDescription" TEXT,
    "images" JSONB NOT NULL,
    "imageCount" INTEGER NOT NULL,
    "missingAltCount" INTEGER NOT NULL,
    "tooLong" BOOLEAN NOT NULL,
    "productUpdatedAt" TIMESTAMP(3) NOT NULL,
    "scannedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContentProduct_pkey" PRIMARY KEY ("shop","productId")
);

-- CreateTable
CREATE TABLE "ContentScan" (
    "shop" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "cursor" TEXT,
    "since" TIMESTAMP(3),
    "seen" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "step" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "lastFullAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContentScan_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "ContentSaveBatch" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "saved" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "step" INTEGER NOT NULL DEFAULT 0,
    "actorId" TEXT,
    "actorName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ContentSaveBatch_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "ContentSaveItem" (
    "shop" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "productId" BIGINT NOT NULL,
    "title" TEXT NOT NULL,
    "change" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "errors" JSONB,

    CONSTRAINT "ContentSaveItem_pkey" PRIMARY KEY ("shop","batchId","position")
);

-- CreateIndex
CREATE INDEX "ContentProduct_shop_title_productId_idx" ON "ContentProduct"("shop", "title", "productId");

-- CreateIndex
CREATE INDEX "ContentSaveBatch_shop_createdAt_idx" ON "ContentSaveBatch"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "ContentSaveItem_shop_batchId_state_idx" ON "ContentSaveItem"("shop", "batchId", "state");

-- AddForeignKey
ALTER TABLE "ContentSaveItem" ADD CONSTRAINT "ContentSaveItem_shop_batchId_fkey" FOREIGN KEY ("shop", "batchId") REFERENCES "ContentSaveBatch"("shop", "id") ON DELETE CASCADE ON UPDATE CASCADE;

