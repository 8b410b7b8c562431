-- AlterTable
ALTER TABLE "WebhookEvent" ALTER COLUMN "payload" SET DATA TYPE JSON;


-- Added by hand (Prisma does not model storage parameters): a payload of up to
-- about 8 KB (nearly every delivery) stays in the row uncompressed. The default
-- target (2 KB) compressed every order payload on the way in, which cost about
-- twice what storing it did on the embedded database (docs/decisions/005-webhook-inbox.md).
ALTER TABLE "WebhookEvent" SET (toast_tuple_target = 8160);
