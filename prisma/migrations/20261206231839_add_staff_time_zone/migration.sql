-- AlterTable
ALTER TABLE "staff_users" ADD COLUMN     "time_zone" TEXT;
