-- AlterTable
ALTER TABLE "staff_users" ADD COLUMN     "locale" TEXT;
