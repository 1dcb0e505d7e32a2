-- CreateEnum
CREATE TYPE "Theme" AS ENUM ('system', 'light', 'dark');

-- AlterTable
ALTER TABLE "staff_users" ADD COLUMN     "theme" "Theme" NOT NULL DEFAULT 'system';
