/**
 * An editable combobox with a list popup (WAI-ARIA APG "combobox" pattern):
 * focus stays in the input, Down/Up move through the options (announced with
 * aria-activedescendant), Enter picks, Escape closes. The options come from the
 * caller, who queries main with the typed text, so no list is ever loaded whole.
 */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface ComboOption {
  key: string;
  label: string;
  detail?: string;
}

interface ComboboxProps {
  id: string;
  text: string;
  options: readonly ComboOption[];
  onTextChange: (text: string) => void;
  onPick: (option: ComboOption) => void;
  /** Focus left the field without a pick (the caller may revert or accept the text). */
  onCommit?: () => void;
  placeholder?: string;
  /** Shown in the popup when nothing matches. */
  emptyText?: string;
  loading?: boolean;
  describedBy?: string;
  maxLength?: number;
  /** Marks the text as refused (aria-invalid), e.g. too long for its field. */
  invalid?: boolean;
  footer?: ReactNode;
  /** Told when the field gains or loses focus (callers search only while it is in use). */
  onFocusChange?: (focused: boolean) => void;
  /** The popup's name for screen readers, e.g. "Sites". */
  listLabel: string;
}

export function Combobox({ id, text, options, onTextChange, onPick, onCommit, placeholder, emptyText, loading, describedBy, maxLength, invalid, footer, onFocusChange, listLabel }: ComboboxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const optionId = (index: number) => `${listId}-opt-${index}`;

  const pick = (option: ComboOption) => {
    onPick(option);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(event.key === 'ArrowDown' ? 0 : options.length - 1);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (options.length === 0 ? -1 : (current + step + options.length) % options.length));
    } else if (event.key === 'Enter') {
      if (open && active >= 0 && options[active]) {
        // Picking, not submitting the form the field is in.
        event.preventDefault();
        pick(options[active]);
      } else if (open) {
        setOpen(false);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        // Closing the popup only; the app's Esc (back to the list) must not fire too.
        event.stopPropagation();
        event.nativeEvent.stopImmediatePropagation();
        setOpen(false);
        setActive(-1);
      }
    } else if (event.key === 'Home' || event.key === 'End') {
      setActive(-1);
    }
  };

  const expanded = open && (options.length > 0 || !!emptyText || !!loading);
  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 && options[active] ? optionId(active) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        value={text}
        maxLength={maxLength}
        placeholder={placeholder}
        onChange={(e) => {
          onTextChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => {
          setOpen(true);
          onFocusChange?.(true);
        }}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
          onFocusChange?.(false);
          onCommit?.();
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="combobox-list" hidden={!expanded} aria-label={listLabel}>
        {options.map((option, index) => (
          <li
            key={option.key}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            // Keeps focus in the input so blur does not close the list before the click lands.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(option)}
          >
            <span className="combobox-label">{option.label}</span>
            {option.detail ? <span className="combobox-detail">{option.detail}</span> : null}
          </li>
        ))}
        {options.length === 0 && expanded ? (
          <li role="presentation" className="combobox-empty">
            {loading ? 'Searching…' : emptyText}
          </li>
        ) : null}
        {footer && expanded ? (
          <li role="presentation" className="combobox-empty">
            {footer}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
