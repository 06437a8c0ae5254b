-- CreateTable
CREATE TABLE "SignInFailure" (
    "bucket" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL,

    CONSTRAINT "SignInFailure_pkey" PRIMARY KEY ("bucket")
);

-- CreateIndex
CREATE INDEX "SignInFailure_windowStart_idx" ON "SignInFailure"("windowStart");
