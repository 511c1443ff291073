"use client";

import { useEffect, useRef } from "react";

import { COVERAGE_AREA } from "@/lib/planErrors";

export const HELP_SEEN_KEY = "pitstop.helpSeen";

export interface HelpDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * Renders the help as a native <dialog>, opened with showModal() so that it traps focus and closes on Escape.
 * Where showModal() is missing (older browsers, jsdom), it sets the open attribute instead.
 */
export function HelpDialog({ open, onClose }: HelpDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="help-dialog"
      aria-labelledby="help-title"
      // The close event also fires when the browser closes the dialog on Escape.
      onClose={onClose}
      onCancel={onClose}
    >
      <div className="help-dialog__body">
        <h2 id="help-title">How PitStop works</h2>
        <p>
          Shared bikes in Singapore are rented per ride, and most passes cap each ride, often at 30 minutes. Going over
          costs extra, and a ride may only end at a bicycle parking spot.
        </p>
        <p>
          A <strong>pit stop</strong> is a parking spot on the way where you end the ride and unlock the bike again, so
          that no single ride goes over the limit. The last ride ends at the parking spot nearest your destination, and
          you walk the rest.
        </p>
        <h3>How to use it</h3>
        <ol>
          <li>
            Type a start and a destination and pick a suggestion, or type coordinates as lat,lon. PitStop&apos;s map covers{" "}
            {COVERAGE_AREA} only, so both places must be in {COVERAGE_AREA}.
          </li>
          <li>Choose your pass&apos;s ride limit and a safety margin for parking and unlocking.</li>
          <li>
            Press <strong>Plan trip</strong>. Each ride is drawn in its own colour, and numbered markers show the pit
            stops.
          </li>
          <li>
            Grey lines are other routes, with pit stops of their own. Choose one in the list of routes or click its line
            on the map.
          </li>
          <li>Share the page address to share the plan, or download it as a GPX file for a navigation app.</li>
        </ol>
        <h3>Data</h3>
        <ul className="help-dialog__credits">
          <li>
            Routes: ©{" "}
            <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener noreferrer">
              OpenStreetMap contributors
            </a>
            , available under the Open Database Licence (ODbL).
          </li>
          <li>
            Bicycle parking: contains information from LTA DataMall accessed under the{" "}
            <a href="https://data.gov.sg/open-data-licence" target="_blank" rel="noopener noreferrer">
              Singapore Open Data Licence
            </a>
            .
          </li>
          <li>
            Map tiles:{" "}
            <a href="https://www.onemap.gov.sg/" target="_blank" rel="noopener noreferrer">
              OneMap
            </a>{" "}
            ©{" "}
            <a href="https://www.sla.gov.sg/" target="_blank" rel="noopener noreferrer">
              Singapore Land Authority
            </a>
            .
          </li>
        </ul>
        <div className="help-dialog__actions">
          <button type="button" className="button button--primary" onClick={onClose} autoFocus>
            Got it
          </button>
        </div>
      </div>
    </dialog>
  );
}
