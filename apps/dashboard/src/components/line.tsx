import { Text } from "ink";

/** Colours a line may take; ignored when colour is off. */
export type Tone = "accent" | "good" | "bad" | "warn" | "muted";

const TONES: Record<Tone, string> = {
  accent: "cyan",
  good: "green",
  bad: "red",
  warn: "yellow",
  muted: "gray",
};

/** One terminal line. Blank lines keep their place (Ink drops empty text). */
export function Line(props: {
  text: string;
  color: boolean;
  tone?: Tone;
  bold?: boolean;
  inverse?: boolean;
}) {
  const { text, color, tone } = props;
  return (
    <Text
      wrap="truncate"
      color={color && tone ? TONES[tone] : undefined}
      bold={color && props.bold}
      inverse={color && props.inverse}
    >
      {text === "" ? " " : text}
    </Text>
  );
}
