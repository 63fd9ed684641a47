/** How the mediation overview shows a figure ("<5" with the reason when the server hid it) and a title with its definition. */
import type { ComponentProps, ReactNode } from 'react';
import { Defined as SharedDefined, Figure as SharedFigure } from '../../ui/HiddenFigure';
import { shownCount, shownRate } from './mediation-overview.option';

const NS = 'mediationStats';

/** A figure; a hidden one says why in a tooltip. */
export const Figure = (p: Omit<ComponentProps<typeof SharedFigure>, 'ns'>) => <SharedFigure {...p} ns={NS} />;

/** A count as a figure. */
export const countOf = (v: number | null, below: number) => <Figure shown={shownCount(v, below)} below={below} />;
/** A share of `base` as a figure (hidden when its base is). */
export const rateOf = (v: number | null, base: number | null, below: number) => <Figure shown={shownRate(v, base, below)} below={below} />;

/** A title with its definition in a tooltip (mediationStats.def.<name>). */
export const Defined = ({ name, children }: { name: string; children: ReactNode }) => <SharedDefined name={name} ns={NS}>{children}</SharedDefined>;
