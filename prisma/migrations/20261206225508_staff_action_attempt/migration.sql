-- AlterTable
ALTER TABLE "staff_actions" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1;
