namespace Ledger.Domain;

/// <summary>
/// A rule of the certification process was broken. The message is written for a registrar
/// ("Certificate BTK-... is already revoked") and is shown as it is (HTTP 422).
/// </summary>
public class DomainException(string message) : Exception(message);

/// <summary>The command names something the ledger has never recorded (HTTP 404).</summary>
public sealed class NotFoundException(string message) : DomainException(message);
