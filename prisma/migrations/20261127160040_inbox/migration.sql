-- CreateEnum
CREATE TYPE "InboxTicketStatus" AS ENUM ('open', 'pending', 'solved', 'closed');

-- CreateEnum
CREATE TYPE "InboxPriority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateEnum
CREATE TYPE "InboxChannel" AS ENUM ('form', 'feedback', 'email');

-- CreateEnum
CREATE TYPE "InboxMessageDirection" AS ENUM ('in', 'out', 'note');

-- CreateEnum
CREATE TYPE "InboxMailStatus" AS ENUM ('queued', 'sent', 'failed', 'not_configured', 'no_recipient');

-- CreateTable
CREATE TABLE "InboxSequence" (
    "shop" TEXT NOT NULL,
    "lastNumber" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InboxSequence_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "InboxTicket" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "InboxTicketStatus" NOT NULL DEFAULT 'open',
    "priority" "InboxPriority" NOT NULL DEFAULT 'normal',
    "assigneeId" TEXT,
    "assigneeName" TEXT,
    "tags" TEXT[],
    "channel" "InboxChannel" NOT NULL,
    "topic" TEXT,
    "subject" TEXT NOT NULL,
    "customerId" BIGINT,
    "customerName" TEXT,
    "customerEmail" TEXT,
    "orderRef" TEXT,
    "orderId" BIGINT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "slaDueAt" TIMESTAMP(3) NOT NULL,
    "firstRespondedAt" TIMESTAMP(3),
    "solvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "satisfactionSentAt" TIMESTAMP(3),
    "rating" INTEGER,
    "ratingComment" TEXT,
    "ratedAt" TIMESTAMP(3),
    "lastMessageAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxMessage" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "direction" "InboxMessageDirection" NOT NULL,
    "authorType" TEXT NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT,
    "body" TEXT NOT NULL,
    "templateId" TEXT,
    "mailStatus" "InboxMailStatus",
    "mailError" TEXT,
    "mailAttempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxTemplate" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxRule" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "keywords" TEXT[],
    "topic" TEXT,
    "addTags" TEXT[],
    "setPriority" "InboxPriority",
    "assigneeId" TEXT,
    "assigneeName" TEXT,
    "autoAcknowledge" BOOLEAN NOT NULL DEFAULT false,
    "acknowledgeTemplateId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxRateBucket" (
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxRateBucket_pkey" PRIMARY KEY ("shop","key","windowStart")
);

-- CreateTable
CREATE TABLE "InboxFeedback" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "page" TEXT,
    "customerId" BIGINT,
    "ticketId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboxTicket_shop_lastMessageAt_number_idx" ON "InboxTicket"("shop", "lastMessageAt" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "InboxTicket_shop_status_lastMessageAt_number_idx" ON "InboxTicket"("shop", "status", "lastMessageAt" DESC, "number" DESC);

-- CreateIndex
CREATE INDEX "InboxTicket_shop_customerId_idx" ON "InboxTicket"("shop", "customerId");

-- CreateIndex
CREATE INDEX "InboxTicket_shop_slaDueAt_idx" ON "InboxTicket"("shop", "slaDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxTicket_shop_number_key" ON "InboxTicket"("shop", "number");

-- CreateIndex
CREATE INDEX "InboxMessage_shop_ticketId_createdAt_idx" ON "InboxMessage"("shop", "ticketId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxTemplate_shop_name_key" ON "InboxTemplate"("shop", "name");

-- CreateIndex
CREATE INDEX "InboxRule_shop_position_idx" ON "InboxRule"("shop", "position");

-- CreateIndex
CREATE INDEX "InboxRateBucket_shop_expiresAt_idx" ON "InboxRateBucket"("shop", "expiresAt");

-- CreateIndex
CREATE INDEX "InboxFeedback_shop_createdAt_idx" ON "InboxFeedback"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "InboxFeedback_shop_customerId_idx" ON "InboxFeedback"("shop", "customerId");

