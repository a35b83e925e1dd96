/** One option of a {@link Choice}: its value and the label a person reads. */
export interface ChoiceOption<T extends string> {
  readonly value: T;
  readonly label: string;
}

/**
 * A labelled group of radio buttons picking one of `options` (a chart's axis, measure, grain or
 * formula), laid out in a row (`.axis-choice`). `name` groups the inputs; it must be unique on
 * the page.
 */
export function Choice<T extends string>(props: {
  legend: string;
  name: string;
  options: readonly ChoiceOption<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="axis-choice">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value}>
          <input
            type="radio"
            name={props.name}
            value={o.value}
            checked={props.value === o.value}
            onChange={() => props.onChange(o.value)}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
