// Copyright 2026 Complaints Team
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// R24, R29: log a complaint from a confirmed sales order, then acknowledge it by
// dragging its card to the Acknowledged column of the complaints board.

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const SUBJECT = "Tour: lid missing on delivery";
const ACK_COLUMN = ".o_kanban_group:has(.o_column_title:contains('Acknowledged'))";

registry.category("web_tour.tours").add("complaint_management_tour", {
    steps: () => [
        {
            content: "Log a complaint from the confirmed order",
            trigger: ".o_form_view button[name='action_log_complaint']",
            run: "click",
        },
        {
            content: "Describe the complaint",
            trigger: ".o_form_view .o_field_widget[name='subject'] input",
            run: `edit ${SUBJECT}`,
        },
        ...stepUtils.saveForm(),
        {
            content: "A staff-entered complaint starts in New",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('New')",
        },
        ...stepUtils.goToAppSteps(
            "complaint_management.complaint_menu_root",
            "Open the complaints board"
        ),
        {
            content: "The board shows the new complaint",
            trigger: `.o_kanban_view .o_kanban_record:contains('${SUBJECT}')`,
        },
        {
            content: "Drag the complaint to Acknowledged",
            trigger: `.o_kanban_view .o_kanban_record:contains('${SUBJECT}')`,
            run: `drag_and_drop(${ACK_COLUMN})`,
        },
        {
            content: "Open the acknowledged complaint",
            trigger: `${ACK_COLUMN} .o_kanban_record:contains('${SUBJECT}')`,
            run: "click",
        },
        {
            content: "It stands in Acknowledged",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Acknowledged')",
        },
        {
            content: "Look at the acknowledgement",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Acknowledgement')",
            run: "click",
        },
        {
            content: "Method and user are recorded",
            trigger:
                ".o_form_view .o_field_widget[name='ack_method']:contains('Phone')",
        },
    ],
});
