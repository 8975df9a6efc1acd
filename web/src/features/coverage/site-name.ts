// A proposed site named by place (pure).
import type { SitingSite } from '../../../../core/api'
import { communityShortName } from '../../../../core/domain/place-names'

/** A proposed site by place: its community, and its grid when the candidate was a grid centroid. */
export function siteName(
  site: Pick<SitingSite, 'communityCode' | 'candidate'>,
  communityName: string | undefined,
  gridLabel: (n: number) => string,
): string | null {
  if (!communityName) return null
  const short = communityShortName(communityName)
  return /^\d{15}$/.test(site.candidate) ? `${short}${gridLabel(Number(site.candidate.slice(12)))}` : short
}
