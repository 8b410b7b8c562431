-- CreateTable
CREATE TABLE "StudioVersion" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "mediaKey" TEXT NOT NULL,
    "version" INTEGER,
    "state" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "shopifyMediaId" TEXT,
    "replacesMediaId" TEXT,
    "requestKey" TEXT,
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "alt" TEXT,
    "position" INTEGER,
    "recipe" JSONB,
    "restoredVersion" INTEGER,
    "createdById" TEXT,
    "createdByName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "savedAt" TIMESTAMP(3),

    CONSTRAINT "StudioVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudioBlob" (
    "shop" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudioBlob_pkey" PRIMARY KEY ("shop","sha256")
);

-- CreateTable
CREATE TABLE "StudioRecipe" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "recipe" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudioRecipe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudioBatch" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "recipe" JSONB NOT NULL,
    "recipeName" TEXT,
    "total" INTEGER NOT NULL,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "step" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdByName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "StudioBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudioBatchItem" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "productId" TEXT NOT NULL,
    "mediaId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "versionId" TEXT,
    "newMediaId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudioBatchItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudioMediaAnalysis" (
    "shop" TEXT NOT NULL,
    "mediaId" TEXT NOT NULL,
    "mediaUpdatedAt" TIMESTAMP(3) NOT NULL,
    "background" TEXT NOT NULL,
    "analysedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudioMediaAnalysis_pkey" PRIMARY KEY ("shop","mediaId")
);

-- CreateIndex
CREATE INDEX "StudioVersion_shop_productId_shopifyMediaId_idx" ON "StudioVersion"("shop", "productId", "shopifyMediaId");

-- CreateIndex
CREATE UNIQUE INDEX "StudioVersion_shop_productId_mediaKey_version_key" ON "StudioVersion"("shop", "productId", "mediaKey", "version");

-- CreateIndex
CREATE UNIQUE INDEX "StudioVersion_shop_requestKey_key" ON "StudioVersion"("shop", "requestKey");

-- CreateIndex
CREATE UNIQUE INDEX "StudioRecipe_shop_name_key" ON "StudioRecipe"("shop", "name");

-- CreateIndex
CREATE INDEX "StudioBatch_shop_createdAt_idx" ON "StudioBatch"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "StudioBatchItem_shop_batchId_state_idx" ON "StudioBatchItem"("shop", "batchId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "StudioBatchItem_shop_batchId_index_key" ON "StudioBatchItem"("shop", "batchId", "index");

