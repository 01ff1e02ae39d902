using Ledger.Api.Auth;
using Ledger.Api.Http;
using Ledger.Api.Problems;
using Ledger.Commands;
using Ledger.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Ledger.Agreements;

namespace Ledger.Api.Registry.Agreements;

/// <summary>
/// An MoU signed by a partner's head and a centre head. The partner is a regency (<c>regencyCode</c>), a province
/// (<c>provinceCode</c>) or a state-owned firm, private firm, ministry or agency, or school (<c>partnerName</c>), its kind in
/// <c>partnerKind</c>; a <c>regencyCode</c> alone (the shape before partners had kinds) means a regency partner, and
/// <c>regencyHead</c> is read as <c>partnerHead</c>.
/// </summary>
public sealed record SignMouRequest(string? RegencyCode, string? CentreName, string? RegencyHead, string? CentreHead, DateOnly? SignedOn, DateOnly? ValidUntil)
    : IValidatedRequest
{
    public static readonly SignMouRequest Example = new("36.04", "BBSPJIKB Yogyakarta", null, "Titik Purwati Widowati",
        new DateOnly(2026, 1, 15), new DateOnly(2028, 12, 31))
    {
        PartnerKind = "regency", PartnerName = "Kabupaten Serang", PartnerHead = "Ratu Tatu Chasanah",
    };

    /// <summary>One of <c>regency</c>, <c>province</c>, <c>state-owned-firm</c>, <c>private-firm</c>, <c>ministry-or-agency</c>, <c>school</c>; a regency when left out and <c>regencyCode</c> is given.</summary>
    public string? PartnerKind { get; init; }

    /// <summary>The partner's name: required for a firm, ministry or agency, or school; a regency's or province's official name when left out.</summary>
    public string? PartnerName { get; init; }

    /// <summary>A province partner's code, two digits (<c>35</c> Jawa Timur).</summary>
    public string? ProvinceCode { get; init; }

    /// <summary>The partner's head who signed (the Bupati for a regency); <c>regencyHead</c> is read in its place.</summary>
    public string? PartnerHead { get; init; }

    /// <summary>The partner's head, by either name.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public string? Head => string.IsNullOrWhiteSpace(PartnerHead) ? RegencyHead : PartnerHead;

    public FieldErrors Validate() => new FieldErrors()
        .Check("partnerKind", PartnerKind is null || PartnerKinds.Parse(PartnerKind) is not null, $"The partner's kind is one of {PartnerKinds.Listed}.")
        .Check("partnerKind", PartnerKind is not null || !string.IsNullOrWhiteSpace(RegencyCode),
            $"The partner's kind is required unless a regencyCode names a regency partner: one of {PartnerKinds.Listed}.")
        .Check("regencyCode", RegencyCode is null || Ledger.Domain.Rules.IsRegencyCode(RegencyCode.Trim()), "The regency code is written PP.KK, e.g. 35.23.")
        .Check("provinceCode", ProvinceCode is null || ProvinceCode.Trim() is [>= '0' and <= '9', >= '0' and <= '9'], "The province code is two digits, e.g. 35.")
        .Required("centreName", CentreName)
        .Check("partnerHead", !string.IsNullOrWhiteSpace(Head), "The field partnerHead (or regencyHead) is required.")
        .Required("centreHead", CentreHead)
        .Required("signedOn", SignedOn)
        .Required("validUntil", ValidUntil)
        .Check("validUntil", SignedOn is null || ValidUntil is null || ValidUntil > SignedOn, "The term must end after the day it is signed.");
}

/// <summary><c>POST /api/registry/mous</c>: record an MoU signed by a partner's head and a centre head; 201 with its id.</summary>
public static class SignMouEndpoint
{
    public static ProblemDetails Validate(SignMouRequest? body) => FieldErrors.Judge(body);

    [WolverinePost("/api/registry/mous", OperationId = "SignMou")]
    [EndpointSummary("Record an MoU signed by a partner's head and a centre head; 201 with its id")]
    [EndpointDescription("The partner is a regency (`regencyCode`, on the official list), a province (`provinceCode`) or a state-owned firm, " +
        "private firm, ministry or agency, or school (`partnerName`), its kind in `partnerKind`. A `regencyCode` alone means a regency partner " +
        "(the request's earlier shape), and `regencyHead` is read as `partnerHead`. Only a regency partner carries a regency code; a PKS " +
        "under a regency holds seats for that regency's artisans, under a province for its regencies' artisans, under any other partner for " +
        "artisans of any regency.")]
    [Authorize(Policy = LedgerPolicies.Agency)]
    public static async Task<Created<Recorded>> Post(SignMouRequest body, HttpContext http, IMessageBus bus, CancellationToken ct)
    {
        var command = CommandContext.From(http);
        var id = command.NewId();
        var result = await bus.RecordAsync(new SignMou(id, body.RegencyCode?.Trim(), body.CentreName!.Trim(), body.Head!.Trim(),
            body.CentreHead!.Trim(), body.SignedOn!.Value, body.ValidUntil!.Value, command.Actor, command.At)
        {
            PartnerKind = PartnerKinds.Parse(body.PartnerKind), PartnerName = body.PartnerName?.Trim(), ProvinceCode = body.ProvinceCode?.Trim(),
        }, command.Options, ct);
        return TypedResults.Created($"/api/registry/mous/{id}", command.Answer(result));
    }
}
