/** Reading the demo server's API as one of its demo accounts, for browser tests that check what the page did. */

/** A GET function signed in as a demo account (every demo account has the same password). */
export async function apiAs(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Anwang@2026' }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return (path: string) => fetch(`${baseUrl}${path}`, { headers: { cookie } }).then((r) => r.json());
}

/** The centre of the first grid of a village (a point a resident's report from there would carry). */
export async function gridCentre(baseUrl: string, villageCode: string): Promise<{ lat: number; lng: number }> {
  const get = await apiAs(baseUrl, 'county.leader');
  const grids = await get(`/api/grids/geojson?region=${villageCode}`);
  const ring = grids.features[0].geometry.coordinates[0] as number[][];
  return { lng: (ring[0]![0]! + ring[2]![0]!) / 2, lat: (ring[0]![1]! + ring[2]![1]!) / 2 };
}
