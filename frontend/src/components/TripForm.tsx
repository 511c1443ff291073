"use client";

import { useState, type Dispatch, type FormEvent, type SetStateAction } from "react";

import type { SearchClient } from "@/lib/api";
import { deviceLocationPlace, placeForSharing } from "@/lib/places";
import { COVERAGE_AREA } from "@/lib/planErrors";
import type { Place } from "@/lib/types";
import { describeInvalidCoordinates, validatePlace, validateRideSettings, type TripFieldErrors } from "@/lib/validation";

import { PlaceInput } from "./PlaceInput";

export const LIMIT_PRESETS_MIN = ["20", "30", "45", "60"] as const;

/** Form state: the text of each input and the place it resolved to, if any. */
export interface TripFormValues {
  fromText: string;
  from: Place | null;
  toText: string;
  to: Place | null;
  limit: string;
  margin: string;
}

export interface TripSubmission {
  from: Place;
  to: Place;
  limitMin: number;
  marginMin: number;
}

export interface TripFormProps {
  values: TripFormValues;
  onChange: Dispatch<SetStateAction<TripFormValues>>;
  onSubmit: (submission: TripSubmission) => void;
  /** Called when a submit fails validation, so that the page can clear results of earlier submits. */
  onInvalidSubmit?: () => void;
  planning: boolean;
  /** Replaces the search clients of both place inputs (tests pass fakes). */
  searchClients?: { from: SearchClient; to: SearchClient };
  searchDebounceMs?: number;
}

type PlaceField = "from" | "to";

/** The search API's error message for the text it was sent, trimmed as PlaceInput sends it. */
interface SearchFailure {
  query: string;
  message: string;
}

function describeGeolocationError(error: GeolocationPositionError): string {
  if (error.code === error.PERMISSION_DENIED) {
    if (typeof window !== "undefined" && !window.isSecureContext) {
      return "This browser shares its location only with secure (https) pages. Type the start as a place name or lat,lon instead.";
    }
    return "Location access was denied. Allow it in the browser's site settings, or type the start as a place name or lat,lon.";
  }
  if (error.code === error.TIMEOUT) {
    return "Finding your location timed out. Try again, or type the start as a place name or lat,lon.";
  }
  return "Your location is unavailable right now. Type the start as a place name or lat,lon.";
}

function firstInvalidFieldId(placeErrors: TripFieldErrors, settingErrors: TripFieldErrors): string {
  if (placeErrors.from) return "trip-from";
  if (placeErrors.to) return "trip-to";
  if (settingErrors.limit) return "ride-limit";
  return "ride-margin";
}

/** Renders the trip form (start, destination, ride limit and safety margin) and checks it before a plan is requested. */
export function TripForm({
  values,
  onChange,
  onSubmit,
  onInvalidSubmit,
  planning,
  searchClients,
  searchDebounceMs,
}: TripFormProps) {
  // Errors found on submit. Editing a field clears its error, because the error was about the old text.
  const [placeErrors, setPlaceErrors] = useState<Pick<TripFieldErrors, PlaceField>>({});
  const [searchFailures, setSearchFailures] = useState<Partial<Record<PlaceField, SearchFailure>>>({});
  const [locating, setLocating] = useState(false);
  const [locationMessage, setLocationMessage] = useState("");

  const { settings, errors: settingErrors } = validateRideSettings(values.limit, values.margin);

  function update(patch: Partial<TripFormValues>) {
    onChange((current) => ({ ...current, ...patch }));
  }

  function changePlace(field: PlaceField, text: string, place: Place | null) {
    update(field === "from" ? { fromText: text, from: place } : { toText: text, to: place });
    setPlaceErrors((current) => ({ ...current, [field]: undefined }));
    setSearchFailures((current) => ({ ...current, [field]: undefined }));
  }

  function searchErrorFor(field: PlaceField, text: string): string | undefined {
    const failure = searchFailures[field];
    return failure && failure.query === text.trim() ? failure.message : undefined;
  }

  function fillStartFromDeviceLocation() {
    setLocationMessage("");
    if (typeof navigator === "undefined" || !("geolocation" in navigator)) {
      setLocationMessage("This browser cannot share its location. Type the start as a place name or lat,lon.");
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const place = deviceLocationPlace({ lat: position.coords.latitude, lon: position.coords.longitude });
        changePlace("from", place.name, place);
      },
      (error) => {
        setLocating(false);
        setLocationMessage(describeGeolocationError(error));
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }

  function swap() {
    onChange((current) => ({ ...current, fromText: current.toText, from: current.to, toText: current.fromText, to: current.from }));
    setPlaceErrors({ from: placeErrors.to, to: placeErrors.from });
    setSearchFailures({ from: searchFailures.to, to: searchFailures.from });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (planning) return;
    const errors = {
      from: validatePlace(values.from, values.fromText, "start", searchErrorFor("from", values.fromText)),
      to: validatePlace(values.to, values.toText, "destination", searchErrorFor("to", values.toText)),
    };
    setPlaceErrors(errors);
    if (errors.from || errors.to || !settings || !values.from || !values.to) {
      document.getElementById(firstInvalidFieldId(errors, settingErrors))?.focus();
      onInvalidSubmit?.();
      return;
    }

    // The plan and its URL can be shared, so "My location" becomes its coordinates from here on.
    const from = placeForSharing(values.from);
    const to = placeForSharing(values.to);
    if (from !== values.from) update({ fromText: from.name, from });
    if (to !== values.to) update({ toText: to.name, to });
    onSubmit({ from, to, limitMin: settings.limitMin, marginMin: settings.marginMin });
  }

  const fromError = placeErrors.from ?? describeInvalidCoordinates(values.fromText);
  const toError = placeErrors.to ?? describeInvalidCoordinates(values.toText);

  const presetSelected = LIMIT_PRESETS_MIN.find((preset) => Number(preset) === Number(values.limit));

  return (
    <form className="trip-form" onSubmit={handleSubmit} noValidate aria-label="Trip">
      <p id="trip-area-hint" className="field-hint trip-form__area">
        PitStop plans trips within {COVERAGE_AREA}.
      </p>
      <PlaceInput
        id="trip-from"
        label="Start"
        text={values.fromText}
        onChange={(text, place) => changePlace("from", text, place)}
        onSearchError={(query, message) => setSearchFailures((current) => ({ ...current, from: { query, message } }))}
        error={fromError}
        placeholder="Place name or lat,lon"
        searchClient={searchClients?.from}
        debounceMs={searchDebounceMs}
      />

      <div className="place-actions">
        <button type="button" className="button button--secondary" onClick={fillStartFromDeviceLocation} disabled={locating}>
          {locating ? "Locating…" : "Use my location"}
        </button>
        <button type="button" className="button button--secondary" onClick={swap} aria-label="Swap start and destination">
          <span aria-hidden="true">⇅</span> Swap
        </button>
      </div>
      <p className="field-error" role="status">
        {locationMessage}
      </p>

      <PlaceInput
        id="trip-to"
        label="Destination"
        text={values.toText}
        onChange={(text, place) => changePlace("to", text, place)}
        onSearchError={(query, message) => setSearchFailures((current) => ({ ...current, to: { query, message } }))}
        error={toError}
        placeholder="Place name or lat,lon"
        searchClient={searchClients?.to}
        debounceMs={searchDebounceMs}
      />

      <fieldset className="limit-fieldset">
        <legend className="field-label">Ride limit per ride</legend>
        <div className="preset-row" role="group" aria-label="Ride limit presets">
          {LIMIT_PRESETS_MIN.map((preset) => (
            <button
              key={preset}
              type="button"
              className="button button--preset"
              aria-pressed={presetSelected === preset}
              onClick={() => update({ limit: preset })}
            >
              {preset} min
            </button>
          ))}
        </div>
        <div className="number-row">
          <div className="number-field">
            <label htmlFor="ride-limit" className="field-label field-label--small">
              Ride limit (minutes)
            </label>
            <input
              id="ride-limit"
              type="number"
              inputMode="decimal"
              min={1}
              max={240}
              step="any"
              value={values.limit}
              aria-invalid={settingErrors.limit ? true : undefined}
              aria-describedby={settingErrors.limit ? "ride-limit-error" : undefined}
              onChange={(event) => update({ limit: event.target.value })}
            />
          </div>
          <div className="number-field">
            <label htmlFor="ride-margin" className="field-label field-label--small">
              Safety margin (minutes)
            </label>
            <input
              id="ride-margin"
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              value={values.margin}
              aria-invalid={settingErrors.margin ? true : undefined}
              aria-describedby={["ride-margin-hint", settingErrors.margin ? "ride-margin-error" : ""].join(" ").trim()}
              onChange={(event) => update({ margin: event.target.value })}
            />
          </div>
        </div>
        <p id="ride-margin-hint" className="field-hint">
          The margin is kept free in every ride for parking and unlocking.
        </p>
        {settingErrors.limit ? (
          <p id="ride-limit-error" className="field-error">
            {settingErrors.limit}
          </p>
        ) : null}
        {settingErrors.margin ? (
          <p id="ride-margin-error" className="field-error">
            {settingErrors.margin}
          </p>
        ) : null}
      </fieldset>

      <button type="submit" className="button button--primary" disabled={planning} aria-busy={planning}>
        {planning ? "Planning…" : "Plan trip"}
      </button>
    </form>
  );
}
