-- DropForeignKey
ALTER TABLE "ContentSaveItem" DROP CONSTRAINT "ContentSaveItem_shop_batchId_fkey";

