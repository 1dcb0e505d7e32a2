import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

// Options are built per request so the configuration is read at run time, never during the build.
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return (await NextAuth(request, context, authOptions())) as Response;
}

export { handler as GET, handler as POST };
