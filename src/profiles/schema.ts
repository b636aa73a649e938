// The zod schema of a profile name, for the library's users; the lint path uses PROFILE_NAMES.
import { z } from "zod";
import { PROFILE_NAMES } from "./profile.js";

export const ProfileName = z.enum(PROFILE_NAMES);
export type ProfileName = z.infer<typeof ProfileName>;
