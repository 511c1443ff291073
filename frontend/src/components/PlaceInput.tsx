"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";

import { createSearchClient, type SearchClient } from "@/lib/api";
import { formatLatLon, readLatLonText } from "@/lib/coordinates";
import { describeSuggestion, describeSuggestionCount, dropDuplicateSuggestions } from "@/lib/suggestions";
import type { Place, Suggestion } from "@/lib/types";

export const SEARCH_DEBOUNCE_MS = 250;
/** Shorter text matches too many places to be useful, so it is not searched. */
const MIN_SEARCH_LENGTH = 2;

export interface PlaceInputProps {
  id: string;
  label: string;
  text: string;
  /** Called with the new text and the place it names: a picked suggestion, typed coordinates, or null. */
  onChange: (text: string, place: Place | null) => void;
  /** Called when the search API returns an error for the trimmed text, with the API's message. */
  onSearchError?: (query: string, message: string) => void;
  /** Field error to show under the input. While it is set, the status line hides a search error, which the field error repeats. */
  error?: string;
  placeholder?: string;
  /** Replaces the client that calls /api/v1/search (tests pass a fake). */
  searchClient?: SearchClient;
  debounceMs?: number;
}

type SearchStatus = "idle" | "loading" | "empty" | "error";

// The suggestion count is for screen readers only: sighted users see the list itself.
const STATUS_CLASS: Record<SearchStatus, string> = {
  idle: "field-status visually-hidden",
  loading: "field-status",
  empty: "field-status",
  error: "field-status field-status--error",
};

/**
 * Renders a text input with autocomplete from /api/v1/search, following the ARIA
 * combobox pattern: ArrowDown and ArrowUp move through the suggestions, Enter picks
 * the highlighted one (or the only one), Escape closes the list, and Tab closes it and
 * moves on to the next control. Text of the form "LAT,LON" is taken as a place directly
 * when it is in range, and is never sent to the search.
 */
export function PlaceInput({
  id,
  label,
  text,
  onChange,
  onSearchError,
  error,
  placeholder,
  searchClient,
  debounceMs = SEARCH_DEBOUNCE_MS,
}: PlaceInputProps) {
  const client = useMemo(() => searchClient ?? createSearchClient(), [searchClient]);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [status, setStatus] = useState<SearchStatus>("idle");
  const [statusMessage, setStatusMessage] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const listId = `${id}-listbox`;
  const hintId = useId();
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      client.cancel();
    },
    [client],
  );

  function stopSearching() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    client.cancel();
  }

  function closeList() {
    setOpen(false);
    setActiveIndex(-1);
  }

  function scheduleSearch(value: string) {
    stopSearching();
    const query = value.trim();
    // Coordinates, valid or not, are checked here and never searched.
    if (query.length < MIN_SEARCH_LENGTH || readLatLonText(query).kind !== "text") {
      setSuggestions([]);
      closeList();
      setStatus("idle");
      setStatusMessage("");
      return;
    }
    timer.current = setTimeout(async () => {
      timer.current = null;
      setStatus("loading");
      setStatusMessage("Searching…");
      const outcome = await client.search(query);
      if (outcome.status === "stale") return;
      if (outcome.status === "error") {
        setSuggestions([]);
        closeList();
        setStatus("error");
        setStatusMessage(`Search failed: ${outcome.message}`);
        onSearchError?.(query, outcome.message);
        return;
      }
      const results = dropDuplicateSuggestions(outcome.results);
      setSuggestions(results);
      setActiveIndex(-1);
      setOpen(results.length > 0);
      setStatus(results.length > 0 ? "idle" : "empty");
      setStatusMessage(
        results.length > 0
          ? describeSuggestionCount(results.length)
          : `No places match “${query}”. Try another name or type lat,lon.`,
      );
    }, debounceMs);
  }

  function handleChange(value: string) {
    const coordinates = readLatLonText(value);
    onChange(value, coordinates.kind === "point" ? { ...coordinates.point, name: formatLatLon(coordinates.point) } : null);
    scheduleSearch(value);
  }

  function choose(suggestion: Suggestion) {
    stopSearching();
    onChange(suggestion.name, { name: suggestion.name, lat: suggestion.lat, lon: suggestion.lon });
    closeList();
    setStatus("idle");
    setStatusMessage("");
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = suggestions.length;
    switch (event.key) {
      case "ArrowDown":
        if (count === 0) return;
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActiveIndex(0);
        } else {
          setActiveIndex((activeIndex + 1) % count);
        }
        break;
      case "ArrowUp":
        if (count === 0) return;
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActiveIndex(count - 1);
        } else {
          setActiveIndex(activeIndex <= 0 ? count - 1 : activeIndex - 1);
        }
        break;
      case "Enter":
        // With a suggestion highlighted, or only one shown, Enter picks it instead of submitting the form.
        if (open && activeIndex >= 0 && activeIndex < count) {
          event.preventDefault();
          choose(suggestions[activeIndex]);
        } else if (open && count === 1) {
          event.preventDefault();
          choose(suggestions[0]);
        }
        break;
      case "Tab":
        // The browser moves the focus on as usual, and the list closes without picking.
        if (open) closeList();
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          closeList();
        }
        break;
      default:
        break;
    }
  }

  const describedBy = [hintId, statusId, error ? errorId : null].filter(Boolean).join(" ");
  const activeId = open && activeIndex >= 0 ? `${id}-option-${activeIndex}` : undefined;

  return (
    <div className="place-input">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="combobox">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          placeholder={placeholder}
          value={text}
          onChange={(event) => handleChange(event.target.value)}
          onKeyDown={handleKeyDown}
          onBlur={closeList}
        />
        {/* tabIndex -1: Chromium puts a scrollable element in the Tab order, and focus there would close the list it is in. */}
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} suggestions`}
          className="suggestions"
          hidden={!open}
          tabIndex={-1}
        >
          {suggestions.map((suggestion, index) => (
            <li
              key={`${suggestion.name}-${suggestion.lat}-${suggestion.lon}-${index}`}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? "suggestion suggestion--active" : "suggestion"}
              // mousedown would blur the input and close the list before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(suggestion)}
            >
              <span className="suggestion__name">{suggestion.name}</span>
              <span className="suggestion__detail">{describeSuggestion(suggestion)}</span>
            </li>
          ))}
        </ul>
      </div>
      <p id={hintId} className="visually-hidden">
        Type a place name and pick a suggestion, or type coordinates as lat,lon.
      </p>
      <p id={statusId} className={STATUS_CLASS[status]} aria-live="polite">
        {status === "error" && error ? "" : statusMessage}
      </p>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
