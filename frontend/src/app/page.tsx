import { PitStopApp } from "@/components/PitStopApp";

export default function HomePage() {
  return <PitStopApp />;
}
