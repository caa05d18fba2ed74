namespace PortfolioGen.Scholarly.Math;

/// <summary>A node of the presentation tree the parser builds and the writer emits.</summary>
internal abstract record MathNode;

/// <summary>A token element.</summary>
/// <param name="Element"><c>mi</c>, <c>mn</c>, <c>mo</c> or <c>mtext</c>.</param>
/// <param name="Text">The content, unescaped.</param>
/// <param name="Attributes">Literal attribute markup from the converter's own tables (never from the input), with a leading space.</param>
/// <param name="IsFunction">A function name such as <c>sin</c>: followed by U+2061 FUNCTION APPLICATION.</param>
/// <param name="LimitsInDisplay">Scripts go under/over in display math (<c>\sum</c>, <c>\lim</c>), beside inline.</param>
internal sealed record MathToken(string Element, string Text, string Attributes = "", bool IsFunction = false, bool LimitsInDisplay = false) : MathNode;

/// <summary>An <c>mrow</c>.</summary>
internal sealed record MathRow(IReadOnlyList<MathNode> Children) : MathNode;

/// <summary><c>\frac</c> and its kin; <paramref name="Attributes"/> as for <see cref="MathToken"/>.</summary>
internal sealed record MathFraction(MathNode Numerator, MathNode Denominator, string Attributes = "") : MathNode;

/// <summary><c>\sqrt</c> (no index) or <c>\sqrt[n]</c>.</summary>
internal sealed record MathRoot(MathNode Radicand, MathNode? Index) : MathNode;

/// <summary>A base with a subscript and/or superscript, placed under/over when <paramref name="Under"/>.</summary>
internal sealed record MathScripts(MathNode Base, MathNode? Sub, MathNode? Sup, bool Under) : MathNode;

/// <summary><c>\left … \right</c>; a null delimiter is <c>.</c> (nothing drawn).</summary>
internal sealed record MathFenced(string? Open, string? Close, IReadOnlyList<MathNode> Body) : MathNode;

/// <summary>An <c>mspace</c> of a fixed width such as <c>0.1667em</c>.</summary>
internal sealed record MathSpace(string Width) : MathNode;

/// <summary>
/// A mark over or under a base: an accent (<c>\hat</c>, <c>\underline</c>: <c>accent</c>/<c>accentunder</c>) or, when
/// not <paramref name="IsAccent"/>, a brace (<c>\overbrace</c>) whose scripts go over or under it.
/// </summary>
internal sealed record MathAccent(MathNode Base, string Mark, bool Under, bool Stretchy, bool IsAccent) : MathNode;

/// <summary>A table (<c>matrix</c>, <c>cases</c>): rows of cells; <paramref name="Attributes"/> as for <see cref="MathToken"/>.</summary>
internal sealed record MathTable(IReadOnlyList<IReadOnlyList<MathNode>> Rows, string Attributes) : MathNode;

/// <summary>
/// <c>\operatorname</c> whose name is more than one token (<c>arg\,max</c>): a function name like <c>\log</c>, taking
/// limits in display math when <paramref name="Limits"/> (<c>\operatorname*</c>).
/// </summary>
internal sealed record MathOperator(MathNode Body, bool Limits) : MathNode;

/// <summary>An <c>mstyle</c>: what follows <c>\displaystyle</c> and its kin in their group; <paramref name="Attributes"/> as for <see cref="MathToken"/>.</summary>
internal sealed record MathStyle(MathNode Body, string Attributes) : MathNode;
