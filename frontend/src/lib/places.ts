import { formatLatLonName } from "./coordinates";
import type { LatLon, Place } from "./types";

/** The start's name after "Use my location". It is true only in this browser, so it never goes into a URL. */
export const MY_LOCATION_NAME = "My location";

/** Creates the place for the browser's own position. */
export function deviceLocationPlace(point: LatLon): Place {
  return { name: MY_LOCATION_NAME, lat: point.lat, lon: point.lon, isDeviceLocation: true };
}

/**
 * Returns the place as others should see it: the device location gets its
 * coordinates as its name, such as "1.33287, 103.84714", because "My location"
 * would name the recipient's position in a shared link. Other places are returned unchanged.
 */
export function placeForSharing(place: Place): Place {
  if (!place.isDeviceLocation) return place;
  return { name: formatLatLonName(place), lat: place.lat, lon: place.lon };
}
