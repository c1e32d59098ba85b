// A share from 0 to 1 as a plain SVG bar (attributes only, so the CSP needs no inline styles).
export function ShareBar({ share, label }: { share: number; label: string }) {
  const w = Math.max(0, Math.min(1, share)) * 200
  return (
    <svg class="bar" width="200" height="14" viewBox="0 0 200 14" role="img" aria-label={label}>
      <rect class="track" x="0" y="0" width="200" height="14" rx="2" />
      <rect class="fill" x="0" y="0" width={w.toFixed(1)} height="14" rx="2" />
    </svg>
  )
}
