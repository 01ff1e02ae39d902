using System.Text.RegularExpressions;
using QRCoder;

namespace Ledger.Api.Pages.Printing;

/// <summary>A QR code as inline SVG (QRCoder), without the XML prolog or namespace URIs inline SVG does not need.</summary>
public static partial class QrCodeSvg
{
    public static string For(string text, int pixelsPerModule = 6)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(pixelsPerModule);
        svg = Prolog().Replace(svg, "");
        return Namespace().Replace(svg, "").Replace("<svg ", "<svg class=\"qr\" role=\"img\" aria-label=\"QR code\" ");
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex Prolog();

    [GeneratedRegex(@"\s+xmlns(:\w+)?=""[^""]*""")]
    private static partial Regex Namespace();
}
