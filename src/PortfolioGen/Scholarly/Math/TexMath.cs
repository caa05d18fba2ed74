namespace PortfolioGen.Scholarly.Math;

/// <summary>
/// Converts the small subset of TeX math found in paper titles and abstracts to MathML Core at build time,
/// so pages need no script to show formulas. Anything outside the subset falls back to the escaped source.
/// </summary>
public static class TexMath
{
    /// <summary>Converts the TeX between the dollars (without them) to a MathML element string.</summary>
    /// <param name="tex">The TeX source, without the surrounding <c>$</c> delimiters.</param>
    /// <param name="display">Whether to render as display math (<c>display="block"</c>, limits under large operators).</param>
    /// <returns>
    /// On success a <c>&lt;math&gt;</c> element that carries the source as an <c>application/x-tex</c> annotation;
    /// otherwise a <c>&lt;code class="math-fallback"&gt;</c> element holding the escaped source, and the reason.
    /// Never throws.
    /// </returns>
    public static MathConversion ToMathML(string tex, bool display = false)
    {
        tex ??= "";
        try
        {
            var root = TexParser.Parse(tex, display);
            return new MathConversion(true, MathMLWriter.Write(root, tex, display), null);
        }
        catch (TexMathException e)
        {
            return new MathConversion(false, Fallback(tex), e.Message);
        }
    }

    /// <summary>The markup used when <paramref name="tex"/> cannot be converted.</summary>
    internal static string Fallback(string tex) => $"<code class=\"math-fallback\">{MathMLWriter.Escape(tex)}</code>";
}

/// <summary>The result of <see cref="TexMath.ToMathML"/>.</summary>
/// <param name="Success">Whether the TeX was within the supported subset and converted.</param>
/// <param name="Html">The <c>&lt;math&gt;</c> element on success, else the <c>&lt;code class="math-fallback"&gt;</c> element.</param>
/// <param name="Error">On failure, a short message naming the problem (e.g. <c>unsupported command \begin</c>); null on success.</param>
public sealed record MathConversion(bool Success, string Html, string? Error);

/// <summary>Raised inside the converter for input outside the supported subset; never escapes <see cref="TexMath"/>.</summary>
internal sealed class TexMathException(string message) : Exception(message);
