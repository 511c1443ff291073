/**
 * Ride colours, in order of the rides. Each has a contrast ratio of at least 4.5:1
 * against white, so it reads as text on the panel and as a line on light map tiles.
 * Plans with more rides than colours repeat them from the start.
 */
export const RIDE_COLOURS = ["#1f5fbf", "#b3261e", "#1e7a34", "#7b3fa6", "#a35200", "#00707a", "#8a3b62", "#4d5b00"];

export function rideColour(rideIndex: number): string {
  return RIDE_COLOURS[rideIndex % RIDE_COLOURS.length];
}
