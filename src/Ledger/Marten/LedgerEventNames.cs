using Ledger.Agreements;
using Ledger.Artisans;
using Ledger.Batches;
using Ledger.Certifications;
using Ledger.Training;

namespace Ledger.Marten;

/// <summary>
/// Every domain event under its stable stored name (<c>mt_events.type</c>). Names never change: a reshaped
/// event keeps its name and gets a Marten upcaster registered in <see cref="LedgerStore"/>.
/// </summary>
public static class LedgerEventNames
{
    public static IReadOnlyList<(Type Type, string Name)> All { get; } =
    [
        (typeof(ArtisanRegistered), "artisan_registered"),
        (typeof(ArtisanDetailsCorrected), "artisan_details_corrected"),
        (typeof(EquipmentAidReceived), "equipment_aid_received"),
        (typeof(MonevVisitRecorded), "monev_visit_recorded"),
        (typeof(ArtisanQualifiedAsTrainer), "artisan_qualified_as_trainer"),
        (typeof(PersonalDataErased), "personal_data_erased"),
        (typeof(MouSigned), "mou_signed"),
        (typeof(MouTerminated), "mou_terminated"),
        (typeof(MouExpired), "mou_expired"),
        (typeof(PksSigned), "pks_signed"),
        (typeof(PksAmended), "pks_amended"),
        (typeof(PksQuotaSeatTaken), "pks_quota_seat_taken"),
        (typeof(PksTerminated), "pks_terminated"),
        (typeof(PksExpired), "pks_expired"),
        (typeof(BatchPlanned), "batch_planned"),
        (typeof(BatchParticipantAdmitted), "batch_participant_admitted"),
        (typeof(BatchCompleted), "batch_completed"),
        (typeof(BatchTrainerNamed), "batch_trainer_named"),
        (typeof(ArtisanEnrolled), "artisan_enrolled"),
        (typeof(ApplicationAccepted), "application_accepted"),
        (typeof(ApplicationReturned), "application_returned"),
        (typeof(AssessmentRecorded), "assessment_recorded"),
        (typeof(AppealFiled), "appeal_filed"),
        (typeof(AppealDecided), "appeal_decided"),
        (typeof(CertificationDecided), "certification_decided"),
        (typeof(CertificateIssued), "certificate_issued"),
        (typeof(CertificateHandedOver), "certificate_handed_over"),
        (typeof(CertificateFrozen), "certificate_frozen"),
        (typeof(CertificateReinstated), "certificate_reinstated"),
        (typeof(CertificateRevoked), "certificate_revoked"),
        (typeof(CertificateExpired), "certificate_expired"),
        (typeof(CertificateRenewed), "certificate_renewed"),
        (typeof(CertificateNumberAssigned), "certificate_number_assigned"),
        (typeof(TrainingProgrammePlanned), "training_programme_planned"),
        (typeof(TraineeAdmitted), "trainee_admitted"),
        (typeof(TrainingCompleted), "training_completed"),
    ];

    /// <summary>The stored name of an event type; throws for a type that is not an event of the ledger.</summary>
    public static string NameOf(Type type) =>
        ByType.TryGetValue(type, out var name) ? name : throw new InvalidOperationException($"{type.Name} is not an event of the ledger.");

    static readonly Dictionary<Type, string> ByType = All.ToDictionary(e => e.Type, e => e.Name);
}
